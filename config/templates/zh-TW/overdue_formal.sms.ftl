<#include "_lib.ftli">
<#-- 只有紀錄顯示正式通知已透過電子郵件發出時，才提到它及其日期。 -->
<#assign formal = sentFrom("overdue_formal")?filter(c -> c.channel == "email")>
【${lender.shortName}】${addressee}您好，您的貸款已逾期${debt.dpd}天，<#if formal?has_content>正式通知已於${shortDate(formal?last.date)}寄至您的電子信箱，</#if>請還款或致電${lender.hotline}。回覆TD退訂
