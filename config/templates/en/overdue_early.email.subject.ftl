<#include "_lib.ftli">
Friendly reminder: your ${lender.name} payment due ${date(debt.oldestDueDate)}
