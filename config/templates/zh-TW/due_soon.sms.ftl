<#assign due = installment.dueDate?date("yyyy-MM-dd")?string("yyyy年M月d日")>
【${lender.name}】${borrower.name}您好，您的貸款帳單將於${due}到期，請提前透過「${lender.appName}」App繳款，以免逾期。如已還款，請忽略本簡訊。回覆TD退訂
