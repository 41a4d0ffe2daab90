<#assign due = installment.dueDate?date("yyyy-MM-dd")?string("yyyy年M月d日")>
<#assign currencyName = {"CNY": "人民币", "USD": "美元", "HKD": "港币", "TWD": "新台币"}[installment.currency]!installment.currency>
尊敬的${borrower.name}：

您好！温馨提示：您的借款（借款编号${installment.loanIdMasked}）<#if installment.number??>第${installment.number}期</#if>账单已于${due}到期，应还金额${installment.amountDue?string["0.00"]}（币种：${currencyName}），目前尚未收到您的还款，已逾期${installment.dpd}天。

如您已经还款，请忽略本邮件，款项到账可能需要一个工作日，感谢您的支持。

还款方式：
- 在“${lender.appName}”App中选择“我的借款 > 立即还款”；
- 登录官方网站 ${lender.website} 还款。

如暂时还款有困难，欢迎致电${lender.hotline}或发送邮件至${lender.email}与我们联系，我们愿意与您协商合适的还款安排。

${lender.name} 敬上

--
您收到本邮件，是因为您在${lender.name}有一笔借款。如您不希望再通过电子邮件接收还款提醒，请直接回复本邮件“退订”，或在“${lender.appName}”App的“设置 > 消息通知”中关闭邮件提醒。
通知编号：${notice.reference}
