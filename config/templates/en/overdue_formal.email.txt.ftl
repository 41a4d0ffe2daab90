Dear ${borrower.name},

OVERDUE NOTICE
Reference: ${notice.reference}

Our records show that <#if installment.number??>installment no. ${installment.number} of </#if>your loan ${installment.loanIdMasked}, due on ${installment.dueDate}, has not been paid. As of ${notice.date} it is ${installment.dpd} day<#if installment.dpd != 1>s</#if> past due.

Amount overdue as of ${notice.date} (${installment.currency}):
  Principal:  ${installment.principal?string["0.00"]}
  Interest:   ${installment.interest?string["0.00"]}
  Fees:       ${installment.fees?string["0.00"]}
  Total:      ${installment.amountDue?string["0.00"]}

Please pay the total by ${notice.deadline}.

HOW TO PAY
- In the ${lender.appName} app, under Loans > Repay.
- Online at ${lender.website}.
- By bank transfer, quoting your loan number and the reference ${notice.reference}; the account details are in the app.

IF YOU CANNOT PAY IN FULL
Please contact us before ${notice.deadline}. We will listen to your situation and can agree a repayment plan with you: call ${lender.hotline} or write to ${lender.email}.

IF YOU DISAGREE WITH THIS NOTICE
If you believe the amount is wrong or you have already paid, tell us at ${lender.hotline} or ${lender.email}, quoting ${notice.reference}. We will look into it and reply, and we will pause reminders about the amount in question while we do.

CREDIT REPORTING
We report repayment information on your loan to credit reporting agencies. This notice is our advance notice to you: if the overdue amount is not paid by ${notice.deadline}, we may report this late payment, and it may appear on your credit record.

CONTACT US
Hotline: ${lender.hotline}
E-mail: ${lender.email}
Website: ${lender.website}
Complaints: ${lender.complaints}

If you have already paid, please accept our thanks and disregard this notice.

Yours sincerely,
${lender.name}
${lender.address}

--
You are receiving this e-mail because you have a loan with ${lender.name}. To stop receiving payment reminders by e-mail, reply to this e-mail with the word STOP or turn off e-mail reminders in the ${lender.appName} app (Settings > Notifications).
