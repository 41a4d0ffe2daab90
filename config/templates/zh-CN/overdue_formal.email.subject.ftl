<#include "_lib.ftli">
正式通知：您的借款${installment.loanIdMasked}已逾期${debt.dpd}天（通知编号${notice.reference}）
