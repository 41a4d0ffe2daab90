<#assign fmt = "yyyy年M月d日">
<#assign due = installment.dueDate?date("yyyy-MM-dd")?string(fmt)>
<#assign asOf = notice.date?date("yyyy-MM-dd")?string(fmt)>
<#assign deadline = notice.deadline?date("yyyy-MM-dd")?string(fmt)>
<#assign currencyName = {"CNY": "人民币", "USD": "美元", "HKD": "港币", "TWD": "新台币"}[installment.currency]!installment.currency>
尊敬的${borrower.name}：

逾期还款通知
通知编号：${notice.reference}

您好！根据我司记录，您的借款（借款编号${installment.loanIdMasked}）<#if installment.number??>第${installment.number}期</#if>应于${due}还款，截至${asOf}尚未结清，已逾期${installment.dpd}天。

截至${asOf}的逾期款项明细（币种：${currencyName}）：
  本金：${installment.principal?string["0.00"]}
  利息：${installment.interest?string["0.00"]}
  费用：${installment.fees?string["0.00"]}
  合计：${installment.amountDue?string["0.00"]}

请您于${deadline}前归还上述全部逾期款项。

一、还款方式
- 在“${lender.appName}”App中选择“我的借款 > 立即还款”；
- 登录官方网站 ${lender.website} 还款；
- 银行转账：请在转账附言中注明借款编号及通知编号${notice.reference}，收款账户信息请在App内查看。

二、还款困难
如您暂时无法足额还款，请在${deadline}前致电${lender.hotline}或发送邮件至${lender.email}与我们联系。我们会了解您的实际情况，与您协商还款计划。

三、异议处理
如您对上述款项有异议，或已经还款，请联系我们并提供通知编号${notice.reference}。我们将核实后答复您，核实期间暂停就有异议的款项向您发送提醒。

四、征信报送提示
我司依法向征信机构报送借款的还款信息。根据《征信业管理条例》第十五条的规定，现提前告知您：如您未能在${deadline}前还清上述逾期款项，我司将报送本次逾期信息，这可能影响您的个人信用记录。

五、联系方式
客服热线：${lender.hotline}
电子邮箱：${lender.email}
官方网站：${lender.website}
投诉渠道：${lender.complaints}

如您已经还款，请忽略本通知。感谢您的理解与配合！

${lender.name}
${asOf}

--
您收到本邮件，是因为您在${lender.name}有一笔借款。如您不希望再通过电子邮件接收还款提醒，请直接回复本邮件“退订”，或在“${lender.appName}”App的“设置 > 消息通知”中关闭邮件提醒。
