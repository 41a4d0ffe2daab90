<#include "_lib.ftli">
Formal notice: your loan ${installment.loanIdMasked} is ${debt.dpd} days overdue (ref. ${notice.reference})
