<#include "_lib.ftli">
${lender.appName}: Hi ${borrower.name}, your loan payment is due <#if installment.dpd gte 0>today<#else>${shortDate(installment.dueDate)}</#if>. Pay in the app. Paid? Ignore this. STOP to opt out
