<#include "_lib.ftli">
温馨提示：您在${lender.name}的借款${date(debt.oldestDueDate)}到期款项尚未还款
