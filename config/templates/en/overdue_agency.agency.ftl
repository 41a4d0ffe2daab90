<#include "_lib.ftli">
<#-- Hand-off note that travels with the case to the collection agency. It states earlier contacts from the
     ledger only. -->
Case ${notice.reference} handed over by ${lender.name} on ${date(notice.date)}.
Borrower ${borrower.name}, ${loanRef}: ${debt.count} installment<#if debt.count gt 1>s</#if> unpaid, the oldest due ${date(debt.oldestDueDate)}, ${debt.dpd} days past due.
Overdue (${debt.currency}): principal ${money(debt.principal)}, interest ${money(debt.interest)}, fees ${money(debt.fees)}<#if debt.penalty?? && debt.penalty != 0>, penalty interest ${money(debt.penalty)}</#if><#if debt.other??>, other ${money(debt.other)}</#if><#if debt.paid??>, less ${money(debt.paid)} paid</#if>, total ${money(debt.amountDue)}.
<#if reached?has_content>Notices sent to the borrower about this debt (from the lender's ledger): <#list reached as c>${channelName[c.channel]!c.channel} on ${date(c.date)}<#if c.tracking??> (tracking no. ${c.tracking})</#if><#if c.status == "delivered">, delivered</#if><#sep>; </#list>.
<#else>The lender's ledger shows no earlier notice to the borrower about this debt.
</#if><#if history.promises?has_content>Promises to pay on record: <#list history.promises as p>${date(p.date)}<#sep>, </#list>.
</#if>Contact the borrower only, within 08:00-21:00 in the borrower's own time zone; never relatives, employers or colleagues. Stop and refer back to ${lender.name} (${lender.complaints}) on any dispute or claim of payment.
