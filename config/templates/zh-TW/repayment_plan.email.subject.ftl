<#include "_lib.ftli">
您的貸款${installment.loanIdMasked}還款安排（通知編號${notice.reference}）
