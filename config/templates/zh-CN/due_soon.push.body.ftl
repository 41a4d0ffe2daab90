<#include "_lib.ftli">
<#-- 锁屏时他人可见：不写姓名、金额和账号。 -->
您有一笔借款账单将于${date(installment.dueDate)}到期，请打开“${lender.appName}”按时还款。如已还款，请忽略本提醒。
