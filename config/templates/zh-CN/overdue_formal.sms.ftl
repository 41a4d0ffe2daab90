<#include "_lib.ftli">
<#-- 只有台账显示正式通知已通过电子邮件发出时，才提到它及其日期。 -->
<#assign formal = sentFrom("overdue_formal")?filter(c -> c.channel == "email")>
【${lender.shortName}】尊敬的${addressee}，您的借款已逾期${debt.dpd}天，<#if formal?has_content>正式通知已于${shortDate(formal?last.date)}发至邮箱，</#if>请还款或致电${lender.hotline}。回复TD退订
