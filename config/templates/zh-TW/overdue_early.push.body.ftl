<#include "_lib.ftli">
<#-- 鎖定畫面他人可見：不寫姓名、金額與帳號。 -->
您${date(debt.oldestDueDate)}到期的還款我們尚未收到，請開啟「${lender.appName}」還款。如已還款，請忽略本提醒。
