Dear ${borrower.name},

This is a friendly reminder that the payment of ${installment.currency} ${installment.amountDue?string["0.00"]} for <#if installment.number??>installment no. ${installment.number} of </#if>your loan ${installment.loanIdMasked}, due on ${installment.dueDate}, has not reached us yet. It is now ${installment.dpd} day<#if installment.dpd != 1>s</#if> past due.

If you have already paid, thank you, and please ignore this message: payments can take up to one business day to show.

How to pay:
- in the ${lender.appName} app, under Loans > Repay;
- online at ${lender.website}.

Having trouble paying? Call us at ${lender.hotline} or write to ${lender.email}. We are glad to talk about a repayment plan that works for you.

Kind regards,
${lender.name}

--
You are receiving this e-mail because you have a loan with ${lender.name}. To stop receiving payment reminders by e-mail, reply to this e-mail with the word STOP or turn off e-mail reminders in the ${lender.appName} app (Settings > Notifications).
Reference: ${notice.reference}
