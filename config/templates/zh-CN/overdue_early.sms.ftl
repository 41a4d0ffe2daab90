<#assign due = installment.dueDate?date("yyyy-MM-dd")?string("yyyy年M月d日")>
【${lender.name}】尊敬的${borrower.name}，温馨提示：您${due}到期的借款账单尚未还款，请通过“${lender.appName}”App及时还款。如已还款，请忽略本短信。客服电话${lender.hotline}。回复TD退订
