<#include "_lib.ftli">
<#-- Sent only once the ledger shows the registered letter went out (the ladder step requires it). -->
<#assign letters = sentOn("letter")>
${lender.appName}: ${borrower.name}, your loan is ${debt.dpd} days overdue.<#if letters?has_content> We sent you a letter on ${shortDate(letters?last.date)}.</#if> Please pay or call ${lender.hotline}. STOP to opt out
