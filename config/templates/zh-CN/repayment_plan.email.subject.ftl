<#include "_lib.ftli">
您的借款${installment.loanIdMasked}还款安排（通知编号${notice.reference}）
