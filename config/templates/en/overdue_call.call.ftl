<#include "_lib.ftli">
<#-- Script for the agent who makes the call. The dialer shows it next to the borrower's number. -->
Call reference ${notice.reference} - ${lender.name}

1. Introduce yourself by name and say you are calling from ${lender.name}.
2. Confirm you are speaking to ${borrower.name} (date of birth or the last 4 digits of the ID on file) BEFORE you mention the loan. If someone else answers, leave only your name and ${lender.hotline}: never say why you are calling.
3. ${loanRef?cap_first}: ${debt.count} installment<#if debt.count gt 1>s</#if> unpaid, the oldest due ${date(debt.oldestDueDate)}, <#if debt.dpd gt 0>${debt.dpd} day<#if debt.dpd != 1>s</#if> past due<#else>due today</#if>.
   Overdue (${debt.currency}): principal ${money(debt.principal)}, interest ${money(debt.interest)}, fees ${money(debt.fees)}<#if debt.penalty?? && debt.penalty != 0>, penalty interest ${money(debt.penalty)}</#if><#if debt.other??>, other ${money(debt.other)}</#if><#if debt.paid??>, less ${money(debt.paid)} paid</#if>, total ${money(debt.amountDue)}.
<#if written?has_content>   Sent before (you may refer to these only): <#list written as c>${channelName[c.channel]!c.channel} on ${date(c.date)}<#sep>; </#list>.
<#else>   No earlier notice has gone out about this debt: do not say that one has.
</#if>4. Ask whether they can pay by ${date(notice.deadline)}. Payment: ${payLink()}, the ${lender.appName} app, or bank transfer quoting ${notice.reference}.
5. If they cannot pay in full, offer a repayment plan and note what they can afford.
6. If they dispute the amount or say they have paid, stop collecting, note it and tell them how to dispute: ${lender.complaints}.
7. If they ask not to be called, note it: calls stop and written reminders continue.
Be courteous. No threats, no calls to relatives, employers or colleagues.
