<#-- Lock screens are seen by others: no name, no amount, no account number. -->
Your payment due ${installment.dueDate} has not reached us yet. Tap to pay in ${lender.appName}. Already paid? Please ignore this.
