<#include "_lib.ftli">
<#-- The last notice before the debt is referred to a collection agency or for legal action. -->
Final Notice Before Referral for ${title}${borrower.name}
Reference: ${notice.reference}

${dear},

${relationship()} As of ${date(notice.date)} the debt is ${debt.dpd} days past due.
<#include "_history.ftli">

<#include "_amounts.ftli">

This is our final notice. Please pay ${debt.currency} ${money(debt.amountDue)} by ${date(notice.deadline)}, or contact us by that date to agree a repayment plan.

If neither happens by ${date(notice.deadline)}, we intend to refer the debt to a collection agency acting on our behalf and may take legal action to recover it. Penalty interest may continue to accrue under your loan agreement, and the late payment may be reported to credit reporting agencies. This letter comes from ${lender.name}, your lender; it is not a court or government document.

How you can repay:
- online at ${payLink()} or in the ${lender.appName} app (Loans > Repay);
- by bank transfer, quoting your loan number and the reference ${notice.reference};
- in installments: call ${lender.hotline} before ${date(notice.deadline)} to agree a plan.

If you believe this notice is wrong or you have already paid, tell us at ${lender.hotline} or ${lender.email}, quoting the reference above; we will pause while we look into it. Complaints: ${lender.complaints}.

We would still much rather settle this with you directly.

Yours sincerely,
${lender.name}
${lender.address?replace("\n", ", ")}
