<#include "_lib.ftli">
<#-- 鎖定畫面他人可見：不寫姓名、金額與帳號。 -->
您有一筆貸款帳單將於${date(installment.dueDate)}到期，請開啟「${lender.appName}」按時繳款。如已還款，請忽略本提醒。
