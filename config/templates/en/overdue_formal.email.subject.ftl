<#include "_lib.ftli">
Formal notice: your ${loanRef} ${loanRef?starts_with("loans ")?then("are", "is")} ${debt.dpd} days overdue (ref. ${notice.reference})
