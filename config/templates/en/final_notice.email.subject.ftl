<#include "_lib.ftli">
Final notice before referral: loan ${installment.loanIdMasked} (ref. ${notice.reference})
