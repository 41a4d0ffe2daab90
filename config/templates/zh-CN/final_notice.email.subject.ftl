<#include "_lib.ftli">
移交催收前的最后通知：借款${installment.loanIdMasked}（通知编号${notice.reference}）
