<#-- 鎖定畫面他人可見：不寫姓名、金額與帳號。 -->
<#assign due = installment.dueDate?date("yyyy-MM-dd")?string("M月d日")>
您有一筆貸款帳單將於${due}到期，請開啟「${lender.appName}」按時繳款。如已還款，請忽略此提醒。
