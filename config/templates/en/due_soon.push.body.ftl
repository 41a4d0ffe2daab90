<#include "_lib.ftli">
<#-- Lock screens are seen by others: no name, no amount, no account number. -->
A payment is due on ${date(installment.dueDate)}. Tap to pay in ${lender.appName}. Already paid? Please ignore this.
