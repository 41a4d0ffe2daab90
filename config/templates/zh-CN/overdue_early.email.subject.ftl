<#assign due = installment.dueDate?date("yyyy-MM-dd")?string("yyyy年M月d日")>
还款提醒：您${due}到期的借款账单尚未还款
