<#assign due = installment.dueDate?date("yyyy-MM-dd")?string("yyyy年M月d日")>
【${lender.name}】尊敬的${borrower.name}，您的借款账单将于${due}到期，请提前通过“${lender.appName}”App还款，以免逾期。如已还款，请忽略本短信。回复TD退订
