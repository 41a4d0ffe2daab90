<#include "_lib.ftli">
${lender.appName}: Hi ${borrower.name}, your loan payment due ${date(debt.oldestDueDate)} is overdue. Please pay in the app. Help: ${lender.hotline}. STOP to opt out
