<#include "_lib.ftli">
<#-- 只在紀錄顯示書面信函已寄出後發送（階梯的這一步要求如此）；日期取自紀錄。 -->
<#assign letters = sentOn("letter")>
【${lender.shortName}】${addressee}您好，您的貸款已逾期${debt.dpd}天，<#if letters?has_content>書面通知已於${shortDate(letters?last.date)}寄出，</#if>請還款或致電${lender.hotline}。回覆TD退訂
