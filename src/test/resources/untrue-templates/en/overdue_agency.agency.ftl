<#-- Hand-off note that travels with the case to the collection agency. -->
Case ${notice.reference} handed over by ${lender.name} on ${notice.date}.
Borrower ${borrower.name}, loan ${installment.loanIdMasked}<#if installment.number??>, installment ${installment.number}</#if>, due ${installment.dueDate}, ${installment.dpd} days past due.
Overdue (${installment.currency}): principal ${installment.principal?string["0.00"]}, interest ${installment.interest?string["0.00"]}, fees ${installment.fees?string["0.00"]}, total ${installment.amountDue?string["0.00"]}.
The borrower has had SMS, e-mail and written notices, including a formal notice with a deadline.
Contact the borrower only, within 08:00-21:00 in the borrower's own time zone; never relatives, employers or colleagues. Stop and refer back to ${lender.name} (${lender.complaints}) on any dispute or claim of payment.
