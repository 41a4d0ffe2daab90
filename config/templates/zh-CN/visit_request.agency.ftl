<#include "_lib.ftli">
<#-- 上门拜访请求：作为有记录的移交交给催收机构，系统本身从不安排上门。 -->
上门拜访请求${notice.reference}，${lender.name}，${date(notice.date)}。
借款人${borrower.name}，借款${installment.loanIdMasked}，已逾期${debt.dpd}天，逾期合计${amount(debt.amountDue)}。
<#if reached?has_content>此前已发出的联系（据出借人台账）：<#list reached as c>${date(c.date)}${channelName[c.channel]!c.channel}<#sep>；</#list>。<#if sentOn("call")?has_content>外呼任务仅表示已下发，不代表已接通。</#if>
<#else>出借人台账中没有此前就该笔欠款发出通知的记录。
</#if>只可拜访借款人本人，地点为登记地址，时间为当地时间08:00-21:00，须至少两名工作人员出示证件并全程记录；不得在他人可见之处留下通知，不得向任何其他人透露该笔欠款。
