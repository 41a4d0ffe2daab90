Friendly reminder: your ${lender.name} payment due ${installment.dueDate}
