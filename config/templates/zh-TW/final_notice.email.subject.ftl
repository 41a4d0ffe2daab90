<#include "_lib.ftli">
移交催收前的最後通知：貸款${installment.loanIdMasked}（通知編號${notice.reference}）
