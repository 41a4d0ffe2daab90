<#include "_lib.ftli">
<#-- A lawyer's letter, issued by the law firm of hub.law-firm.* on the lender's instructions. It goes to the
     borrower only, by registered post; it is never posted or shown in public. -->
Lawyer's Letter to ${title}${borrower.name}
Issued by ${lawFirm.name} on behalf of ${lender.name}
Reference: ${notice.reference}

${dear},

We act for ${lender.name} ("our client") in respect of your ${loanRef}. ${relationship()}

According to our client's records, as of ${date(notice.date)} the debt is ${debt.dpd} days past due:

<#include "_amounts.ftli">
<#assign historyIntro = "According to our client's records, it wrote to you about this debt before:">
<#include "_history.ftli">

On our client's instructions we ask you to pay ${debt.currency} ${money(debt.amountDue)} by ${date(notice.deadline)}, or to contact our client or this firm by that date to agree how it will be repaid.

If the debt is neither paid nor settled by agreement by that date, our client has instructed us to consider legal proceedings to recover it, together with the interest and costs the loan agreement and the law allow. Any such proceedings would be decided by a court; this letter is not a court document.

You can repay online at ${payLink()}, in the ${lender.appName} app, or by bank transfer quoting ${notice.reference}. If you dispute the debt or have already paid, please tell us or our client in writing, quoting the reference, and we will review the records before taking any step.

Contacts:
- ${lawFirm.name}<#if lawFirm.lawyer??>, ${lawFirm.lawyer}</#if>: <#if lawFirm.phone??>${lawFirm.phone}</#if><#if lawFirm.email??>, ${lawFirm.email}</#if>
- ${lender.name}: ${lender.hotline}, ${lender.email}
- Complaints: ${lender.complaints}

Yours faithfully,
<#if lawFirm.lawyer??>${lawFirm.lawyer}
</#if>${lawFirm.name}
<#if lawFirm.address??>${lawFirm.address?replace("\n", ", ")}
</#if>${date(notice.date)}
