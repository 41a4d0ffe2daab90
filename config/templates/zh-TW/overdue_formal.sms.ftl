<#include "_lib.ftli">
<#-- 只有紀錄顯示正式通知已透過電子郵件發出時，才提到它及其日期。 -->
<#assign formal = sentFrom("overdue_formal")?filter(c -> c.channel == "email")>
【${lender.name}】${addressee}您好，您的貸款已逾期${debt.dpd}天，<#if formal?has_content>正式通知已於${date(formal?last.date)}以郵件寄出，</#if>請還款或致電${lender.hotline}。回覆TD退訂
