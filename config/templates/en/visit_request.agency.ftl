<#include "_lib.ftli">
<#-- A field visit, asked of the agency as a recorded hand-off: the hub never arranges visits itself. -->
Visit request ${notice.reference} from ${lender.name}, ${date(notice.date)}.
Borrower ${borrower.name}, ${loanRef}, ${debt.dpd} days past due, total overdue ${debt.currency} ${money(debt.amountDue)}.
<#if reached?has_content>Notices sent before (from the lender's ledger): <#list reached as c>${channelName[c.channel]!c.channel} on ${date(c.date)}<#sep>; </#list>.
<#else>The lender's ledger shows no earlier notice about this debt.
</#if>A visit is to the borrower only, at the address on record, between 08:00 and 21:00 local time, by at least two staff who show identification, recorded; no notice is left where others can see it, and no one else is told of the debt.
