<#include "_lib.ftli">
<#assign formal = sentFrom("overdue_formal")?filter(c -> c.channel == "email")>
${lender.appName}: ${borrower.name}, your loan is ${debt.dpd} days overdue.<#if formal?has_content> We e-mailed a formal notice on ${shortDate(formal?last.date)}.</#if> Pay in the app or call ${lender.hotline}. STOP to opt out
