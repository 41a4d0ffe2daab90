<#include "_lib.ftli">
${lender.appName}: Hi ${borrower.name}, your loan payment is due ${date(installment.dueDate)}. Pay in the app. Paid? Ignore this. STOP to opt out
