<#-- Script for the agent who makes the call. The dialer shows it next to the borrower's number. -->
Call reference ${notice.reference} - ${lender.name}

1. Introduce yourself by name and say you are calling from ${lender.name}.
2. Confirm you are speaking to ${borrower.name} (date of birth or the last 4 digits of the ID on file) BEFORE you mention the loan. If someone else answers, leave only your name and ${lender.hotline}: never say why you are calling.
3. Loan ${installment.loanIdMasked}<#if installment.number??>, installment ${installment.number}</#if>, due ${installment.dueDate}, is ${installment.dpd} days past due.
   Overdue (${installment.currency}): principal ${installment.principal?string["0.00"]}, interest ${installment.interest?string["0.00"]}, fees ${installment.fees?string["0.00"]}, total ${installment.amountDue?string["0.00"]}.
4. Ask whether they can pay by ${notice.deadline}. Payment: the ${lender.appName} app, ${lender.website}, or bank transfer quoting ${notice.reference}.
5. If they cannot pay in full, offer a repayment plan and note what they can afford.
6. If they dispute the amount or say they have paid, stop collecting, note it and tell them how to dispute: ${lender.complaints}.
7. If they ask not to be called, note it: calls stop and written reminders continue.
Be courteous. No threats, no calls to relatives, employers or colleagues.
