<#include "_lib.ftli">
Final notice before referral: ${loanRef} (ref. ${notice.reference})
