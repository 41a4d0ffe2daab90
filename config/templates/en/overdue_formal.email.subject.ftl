Overdue notice for your loan ${installment.loanIdMasked} (ref. ${notice.reference})
