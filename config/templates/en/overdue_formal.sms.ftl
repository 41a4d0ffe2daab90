<#include "_lib.ftli">
<#assign formal = sentFrom("overdue_formal")?filter(c -> c.channel == "email")>
${lender.appName}: Hi ${borrower.name}, your loan is ${debt.dpd} days overdue.<#if formal?has_content> We e-mailed you a formal notice on ${date(formal?last.date)}.</#if> Please pay in the app or call ${lender.hotline}. STOP to opt out
