<#assign due = installment.dueDate?date("yyyy-MM-dd")?string("yyyy年M月d日")>
還款提醒：您於${due}到期的貸款帳單尚未還款
