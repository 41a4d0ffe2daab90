<#assign due = installment.dueDate?date("yyyy-MM-dd")?string("yyyy年M月d日")>
【${lender.name}】${borrower.name}您好，提醒您：您於${due}到期的貸款帳單尚未收到還款，請透過「${lender.appName}」App儘速繳款。如已還款，請忽略本簡訊。客服專線${lender.hotline}。回覆TD退訂
