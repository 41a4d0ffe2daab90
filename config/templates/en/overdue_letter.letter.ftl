<#include "_lib.ftli">
<#-- The formal overdue notice (day 4): title, lending relationship, the overdue amounts and deadline, ways to
     repay, consequences, contacts, closing. The envelope window shows only the addresses (LetterLayout). -->
Notice of Overdue Payment for ${title}${borrower.name}
Reference: ${notice.reference}

${dear},

${relationship()}
As of ${date(notice.date)} the debt is ${debt.dpd} days past due.

<#include "_amounts.ftli">

Please pay the total of ${debt.currency} ${money(debt.amountDue)} by ${date(notice.deadline)}.

How you can repay:
- in full, online at ${payLink()} or in the ${lender.appName} app (Loans > Repay);
- by bank transfer, quoting your loan number and the reference ${notice.reference} (the account details are in the app or from our hotline);
- in installments: if you cannot pay the whole amount at once, contact us before ${date(notice.deadline)} and we will agree a repayment plan that fits your circumstances.
<#include "_schedule.ftli">

What happens if the amount stays unpaid: under your loan agreement, penalty interest may accrue on the overdue amount. We report repayment information to credit reporting agencies, and this letter is our advance notice that we may report this late payment if it is not paid by ${date(notice.deadline)}; it may then appear on your credit record. If the debt remains unpaid, we may recover it by lawful means, which can include court proceedings. This letter comes from ${lender.name}, your lender; it is not a court or government document.

If you believe this notice is wrong or you have already paid, please tell us, quoting the reference above. We will look into it and reply in writing, and we will pause reminders about the amount in question meanwhile.

Contact us:
- Your repayment page: ${payLink()}
- Hotline: ${lender.hotline}
- E-mail: ${lender.email}
- Website: ${lender.website}
- Post: ${lender.address?replace("\n", ", ")}
- Complaints: ${lender.complaints}

We know that difficulties can happen to anyone, and we would much rather find a way forward with you. If you have already paid, please accept our thanks and disregard this letter.

Yours sincerely,
${lender.name}
${date(notice.date)}
