<#include "_lib.ftli">
<#-- Lock screens are seen by others: no name, no amount, no account number. -->
Your payment due ${date(debt.oldestDueDate)} has not reached us yet. Tap to pay in ${lender.appName}. Already paid? Please ignore this.
