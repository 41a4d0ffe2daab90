<#include "_lib.ftli">
Your repayment plan for loan ${installment.loanIdMasked} (ref. ${notice.reference})
