<#include "_lib.ftli">
Your repayment schedule and how to catch up: ${loanRef} (ref. ${notice.reference})
