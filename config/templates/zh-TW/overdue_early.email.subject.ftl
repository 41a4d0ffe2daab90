<#include "_lib.ftli">
還款提醒：您在${lender.name}的貸款於${date(debt.oldestDueDate)}到期款項尚未還款
