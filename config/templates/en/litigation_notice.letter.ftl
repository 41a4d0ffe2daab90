<#include "_lib.ftli">
<#-- Notice that the lender intends to go to court: what it intends, not a claim that a case exists. -->
Notice of Intended Legal Proceedings to ${title}${borrower.name}
Reference: ${notice.reference}

${dear},

${relationship()} As of ${date(notice.date)} the debt is ${debt.dpd} days past due.
<#include "_history.ftli">

<#include "_amounts.ftli">

Because the debt remains unpaid, ${lender.name} intends to bring a claim before the competent court to recover ${debt.currency} ${money(debt.amountDue)}, together with the interest and costs the loan agreement and the law allow. We will not file the claim before ${date(notice.deadline)}. Nothing has been filed with a court yet; this notice is from your lender, not from a court.

You can still avoid proceedings: pay the amount by ${date(notice.deadline)} (online at ${payLink()}, in the ${lender.appName} app, or by bank transfer quoting ${notice.reference}), or contact us by that date to agree a repayment plan. If you dispute the debt, tell us in writing before that date, quoting the reference; we will review it before taking any step.

Contact: ${lender.hotline}, ${lender.email}, ${lender.address?replace("\n", ", ")}. Complaints: ${lender.complaints}.

Yours sincerely,
${lender.name}
${date(notice.date)}
