<#include "_lib.ftli">
<#-- 锁屏时他人可见：不写姓名、金额和账号。 -->
您${date(debt.oldestDueDate)}到期的还款我们尚未收到，请打开“${lender.appName}”还款。如已还款，请忽略本提醒。
