<#include "_lib.ftli">
正式通知：您的貸款${installment.loanIdMasked}已逾期${debt.dpd}天（通知編號${notice.reference}）
