Notice of Overdue Payment
Reference: ${notice.reference}

From: ${lender.name}
To: ${borrower.name}
Loan number: ${installment.loanIdMasked}

Dear ${borrower.name},

Our records show that <#if installment.number??>installment no. ${installment.number} of </#if>your loan ${installment.loanIdMasked}, due on ${installment.dueDate}, has not been paid. As of ${notice.date} it is ${installment.dpd} days past due. The amount overdue as of that date is (${installment.currency}):
- Principal: ${installment.principal?string["0.00"]}
- Interest: ${installment.interest?string["0.00"]}
- Fees: ${installment.fees?string["0.00"]}
- Total amount overdue: ${installment.amountDue?string["0.00"]}

Please pay the total amount overdue by ${notice.deadline}.

You can pay:
- in the ${lender.appName} app, under Loans > Repay;
- online at ${lender.website};
- by bank transfer, quoting your loan number and the reference ${notice.reference} (the account details are in the app or available from our hotline).

If you are in financial difficulty, please contact us before ${notice.deadline}. We will consider your circumstances and can agree a repayment plan with you.

If you believe this notice is wrong or you have already paid, please tell us, quoting the reference above. We will look into it and reply in writing, and we will pause reminders about the amount in question while we do.

What happens if the amount remains unpaid: under your loan agreement, interest may continue to accrue on the overdue amount. We report repayment information to credit reporting agencies, and this letter is our advance notice that we may report this late payment if it is not paid by ${notice.deadline}; it may then appear on your credit record. If the debt remains unpaid, we may seek to recover it through lawful means, which can include court proceedings. This letter comes from ${lender.name}, your lender; it is not a court or government document.

Contact us:
- Hotline: ${lender.hotline}
- E-mail: ${lender.email}
- Website: ${lender.website}
- Post: ${lender.address?replace("\n", ", ")}
- Complaints: ${lender.complaints}

If you have already paid, please accept our thanks and disregard this letter.

Yours sincerely,
${lender.name}
${notice.date}
