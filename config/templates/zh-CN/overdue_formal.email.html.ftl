<#include "_lib.ftli">
<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="UTF-8"><title>逾期还款正式通知</title></head>
<body style="font-family: 'PingFang SC', 'Microsoft YaHei', sans-serif; font-size: 15px; line-height: 1.7; color: #222; max-width: 640px;">
<p>${dear}</p>
<h2 style="font-size: 18px;">逾期还款正式通知</h2>
<p>通知编号：${notice.reference}</p>
<p>${relationship()}截至${date(notice.date)}，该笔欠款已逾期${debt.dpd}天。</p>
<#include "_amounts.html.ftli">
<p>请您于<strong>${date(notice.deadline)}</strong>前归还上述全部逾期款项。本通知的PDF版本已作为附件随本邮件发送。</p>
<h3 style="font-size: 16px;">一、还款方式</h3>
<ul>
  <li>一次性还清：<a href="${payLink()}">${payLink()}</a>，或在“${lender.appName}”App中选择“我的借款 &gt; 立即还款”；</li>
  <li>银行转账：请在转账附言中注明借款编号及通知编号${notice.reference}；</li>
  <li>分期偿还：请在${date(notice.deadline)}前与我们联系，我们将与您协商还款计划。</li>
</ul>
<#include "_schedule.html.ftli">
<#include "_history.html.ftli">
<h3 style="font-size: 16px;">二、异议处理</h3>
<p>如您认为上述金额有误，或您已经还款，请致电${lender.hotline}或发送邮件至<a href="mailto:${lender.email}">${lender.email}</a>，并提供通知编号${notice.reference}。我们将核实后答复您，核实期间暂停就有异议的款项向您发送提醒。</p>
<h3 style="font-size: 16px;">三、征信报送提示</h3>
<p>我司向征信机构报送借款的还款信息。根据《征信业管理条例》第十五条，本通知即为事先告知：如您未能在${date(notice.deadline)}前还清上述逾期款项，我司可能报送本次逾期信息，该信息可能记入您的个人信用记录。</p>
<h3 style="font-size: 16px;">四、联系方式</h3>
<p>客服热线：${lender.hotline}<br>电子邮箱：<a href="mailto:${lender.email}">${lender.email}</a><br>官方网站：${lender.website}<br>投诉渠道：${lender.complaints}</p>
<p>如您已经还款，感谢您，请忽略本通知。</p>
<p>${lender.name}<br>${lender.address?replace("\n", " ")}</p>
<hr>
<p style="font-size: 12px; color: #666;">您收到本邮件，是因为您在${lender.name}有一笔借款。如您不希望再通过电子邮件接收还款提醒，请发送邮件至<a href="mailto:${lender.email}">${lender.email}</a>告知我们，或在“${lender.appName}”App的“设置 &gt; 消息通知”中关闭邮件提醒。<#if notice.unsubscribe??>您也可以<a href="${notice.unsubscribe}">在此退订邮件提醒</a>。</#if></p>
</body>
</html>
